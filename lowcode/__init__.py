"""Low-code administration: custom fields, saved queries, notification rules and configurable
lifecycles."""
