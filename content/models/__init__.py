"""The content app's models, one module per part of the public site (see each module)."""

from .campaigns import CampaignMaterial, CampaignPage, CampaignPlacement, Channel, PublicityCampaign
from .directory import ServicePoint
from .news import (
    NewsArticlePage,
    NewsArticleTag,
    NewsCategory,
    NewsIndexPage,
    PolicyAttachment,
    PolicyDocumentPage,
    PolicyIndexPage,
)
from .pages import (
    HomePage,
    HomeSectionLink,
    HotlinePage,
    PublicPage,
    ServiceDirectoryPage,
    StandardPage,
    VolunteerPage,
)
from .site import HeaderLink, HotlineSettings, NavigationSettings
from .volunteers import Volunteer, VolunteerApplicationPage, VolunteerFormField

__all__ = [
    "CampaignMaterial",
    "CampaignPage",
    "CampaignPlacement",
    "Channel",
    "HeaderLink",
    "HomePage",
    "HomeSectionLink",
    "HotlinePage",
    "HotlineSettings",
    "NavigationSettings",
    "NewsArticlePage",
    "NewsArticleTag",
    "NewsCategory",
    "NewsIndexPage",
    "PolicyAttachment",
    "PolicyDocumentPage",
    "PolicyIndexPage",
    "PublicPage",
    "PublicityCampaign",
    "ServiceDirectoryPage",
    "ServicePoint",
    "StandardPage",
    "Volunteer",
    "VolunteerApplicationPage",
    "VolunteerFormField",
    "VolunteerPage",
]
