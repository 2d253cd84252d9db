"""Lantian (蓝天): the Django project and the admin machinery that every app shares."""
