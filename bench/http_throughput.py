"""Anonymous home-page throughput against a whitenoise static file, served by the same gunicorn.

The static file is the reference: its rate is what this machine, this server and this client
can do at all; the home page's rate as a ratio of it is what our code costs."""

from bench.harness import demo_site_server, hammer, print_figures, production_environment

STATIC = "/static/css/site.css"


def main():
    with demo_site_server(production_environment("home")):
        hammer("/", 1)  # warm up both workers
        home = hammer("/")
        static = hammer(STATIC)
    return {
        "anonymous home page (requests/s)": home,
        f"whitenoise static file {STATIC} (requests/s)": static,
        "home page / static file": home / static,
    }


if __name__ == "__main__":
    print_figures(main())
