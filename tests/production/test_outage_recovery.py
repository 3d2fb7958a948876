"""The database stopped under load: friendly 503s, nothing half-saved, recovery by itself.
A shorter run of `make soak` (harness/soak.py), on a throwaway PostgreSQL cluster."""

from harness.services import throwaway_cluster_possible
from harness.soak import run_soak
from tests.conftest import require


def test_the_site_survives_a_database_outage_under_load_and_recovers_by_itself(tmp_path):
    require(
        throwaway_cluster_possible(),
        "root and PostgreSQL server binaries (apt-get install postgresql): a throwaway cluster",
    )

    figures, failures = run_soak(tmp_path, seconds=5, outage_seconds=4, after_seconds=3)

    assert failures == [], figures
    assert figures["steady_requests"] > 0
    assert figures["outage"].get(503, 0) > 0
    assert figures["outage_5xx_bodies"] == {"friendly": figures["outage"][503]}
    assert figures["recovery_seconds"] < 30
