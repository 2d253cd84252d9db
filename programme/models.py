"""Quarterly work reports, joint meetings and the annual assessment (seed 四, 五(九), 七(一)(二))."""
