from .pages import BasePage, HomePage, NewsIndexPage, NewsPage, NewsPageTag, StandardPage
from .settings import CentreSettings, OpeningHours
from .snippets import Supporter

__all__ = [
    "BasePage",
    "CentreSettings",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OpeningHours",
    "StandardPage",
    "Supporter",
]
