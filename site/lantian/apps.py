from django.apps import AppConfig


class LantianConfig(AppConfig):
    name = "lantian"
    verbose_name = "蓝天"
