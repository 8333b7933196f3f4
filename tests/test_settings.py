"""Local settings: every worker and restart shares one secret key kept in the data folder."""

import stat

from qararat.settings import local_secret_key


def test_the_local_secret_key_is_made_once_per_data_folder_and_kept_private(tmp_path):
    first = local_secret_key(tmp_path)
    assert first == local_secret_key(tmp_path)
    assert len(first) > 50
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"]


def test_another_data_folder_gets_another_key(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert local_secret_key(tmp_path / "a") != local_secret_key(tmp_path / "b")
