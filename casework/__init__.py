"""Guardianship intervention (五(四)) and referrals of cases between departments (五(七))."""
