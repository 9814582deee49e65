"""The desk: a FastAPI app with a REST API and a web UI over the store (``parallax serve``, docs/web.md).

``desk`` holds the service functions, ``api`` and ``pages`` the routers, ``app.create_app`` puts them
together with the guards of ``security``.
"""
