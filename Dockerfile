# Rådsbot in a container: `docker compose up` (compose.yaml) runs it with PostgreSQL.
# Build: docker build -t radsbot .   Run: docker run --env-file .env -p 3978:3978 radsbot
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The bot runs as a user of its own, without a login shell or a writable home.
# /data is its working directory: a SQLite file for a trial, or a .env file, can go there.
RUN groupadd --system --gid 10001 radsbot \
    && useradd --system --uid 10001 --gid radsbot --no-create-home --shell /usr/sbin/nologin radsbot \
    && mkdir /data && chown radsbot:radsbot /data

# Only what the package is built from; the tests and benchmarks stay out of the image.
COPY pyproject.toml README.md /src/
COPY bot /src/bot
COPY dialogs /src/dialogs
COPY store /src/store
COPY scheduler /src/scheduler
COPY manifest /src/manifest
# Installed (not editable) into site-packages, then the sources go: the bot runs from what pip
# installed, manifest/ and the migrations included. tests/test_install.py runs this very line.
RUN pip install --no-cache-dir /src && rm -rf /src

USER radsbot
WORKDIR /data
EXPOSE 3978
# Liveness only: the process answers. compose.yaml asks /readyz (database, schema, reminders).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '3978') + '/healthz', timeout=4)"]
CMD ["radsbot", "serve"]
