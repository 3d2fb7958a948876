"""How the site is hosted: security headers, outage page, upload limits, media, sitemaps,
robots.txt, security.txt, and the commands the production start path runs."""
