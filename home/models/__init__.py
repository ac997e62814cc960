from .impact import ImpactPage, YearlyFigures
from .pages import BasePage, HomePage, NewsIndexPage, NewsPage, NewsPageTag, StandardPage, TagName
from .settings import CentreSettings, DefaultSiteSetting, OpeningHours
from .snippets import Supporter

__all__ = [
    "BasePage",
    "CentreSettings",
    "DefaultSiteSetting",
    "HomePage",
    "ImpactPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OpeningHours",
    "StandardPage",
    "Supporter",
    "TagName",
    "YearlyFigures",
]
