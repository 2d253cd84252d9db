"""Moderation: a publicity editor cannot publish; they submit, a reviewer approves, the article
goes live (and, when scheduled, waits for its go-live time)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from content.models import NewsArticlePage, NewsIndexPage
from content.moderation import EDITORS, REVIEWERS

from .factories import add_page


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_an_editor_submits_and_a_reviewer_approves(client, public_site):
    editor = user_in(EDITORS, "editor")
    reviewer = user_in(REVIEWERS, "reviewer")
    news = NewsIndexPage.objects.get()
    article = add_page(news, NewsArticlePage(title="待审稿件", summary="摘要"), publish=False)
    assert not article.permissions_for_user(editor).can_publish()
    assert article.permissions_for_user(reviewer).can_publish()

    workflow = article.get_workflow()
    assert workflow.name == "宣传稿件审核"
    workflow.start(article, editor)
    state = article.current_workflow_task_state
    assert state.task.specific.groups.filter(name=REVIEWERS).exists()
    assert client.get(article.url or "/news/").status_code in (200, 404)
    assert "待审稿件" not in client.get("/news/").content.decode()

    state.task.specific.on_action(state, reviewer, "approve")
    article = Page.objects.get(pk=article.pk).specific
    assert article.live
    assert "待审稿件" in client.get("/news/").content.decode()
