"""Home visits (走访), visit rules and due dates, and rapid-response deadlines of cases
(seed 五(三), 六)."""
