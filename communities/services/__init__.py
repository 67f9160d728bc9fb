"""Every write that means something for the communities app, one module per concept:
``registration``, ``verification``, ``membership``, ``activity``, ``key_changes``, ``stories``,
``agreements``. Permission checks stay in the views."""
