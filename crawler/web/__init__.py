"""The analysts' workplace in a browser (`kommunvakt web`): a server-rendered app on the CLI's database.

Layers: ``auth`` (accounts, sessions, CSRF, throttling), ``security`` (headers, the stored page made inert),
``queries`` (what the pages read), ``views`` (one view dictionary per page: HTML and its JSON twin),
``app`` (routes and access), ``i18n`` (the app's words beside the report's).
"""
