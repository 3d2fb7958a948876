"""What the tests and bench/ share: start the production server (servers), talk to it over
HTTP as a visitor or an editor (servers.fetch, servers.AdminSession), drive a browser
(browser, audit), real services and throwaway PostgreSQL clusters (services), and load
(editing_load, soak). It imports neither tests/ nor bench/; both import it."""
