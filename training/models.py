"""Training sessions, trainers, venues and materials (seed 五(八))."""
