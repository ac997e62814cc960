from .pages import BasePage, HomePage, NewsIndexPage, NewsPage, NewsPageTag, StandardPage, TagName
from .settings import CentreSettings, DefaultSiteSetting, OpeningHours
from .snippets import Supporter

__all__ = [
    "BasePage",
    "CentreSettings",
    "DefaultSiteSetting",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OpeningHours",
    "StandardPage",
    "Supporter",
    "TagName",
]
