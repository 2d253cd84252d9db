"""Placements (五(六)), assistance to families and the relief fund (五(五)(十二))."""
