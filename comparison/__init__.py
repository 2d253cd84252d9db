"""Information comparison (信息比对): the review queue of possible duplicate minors, merges
and their undoing."""
