"""The kit's own pages (profile, contacts, notifications, documents, security events) and the
two shapes every app's changing pages take (``service_forms``)."""
