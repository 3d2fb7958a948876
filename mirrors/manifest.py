"""The mirror's manifest (every file's SHA-256, in `sha256sum` format) and its minisign
signature, so anyone can check that a copy is INPUD's: `manage.py verify_mirror`, or
`minisign -Vm MANIFEST.sha256 -P <key>` and `sha256sum -c MANIFEST.sha256` with the
standard tools. py-minisign writes and reads minisign's own formats."""

import hashlib
from pathlib import Path

import minisign

MANIFEST = "MANIFEST.sha256"
SIGNATURE = MANIFEST + ".minisig"
COMMENT_PREFIX = "INPUD mirror manifest sha256:"


def listing(files: dict) -> bytes:
    lines = (
        f"{hashlib.sha256(body).hexdigest()}  {name}\n" for name, body in sorted(files.items())
    )
    return "".join(lines).encode()


def load_secret_key(path, password=None):
    key = minisign.SecretKey.from_file(path)
    if key.is_encrypted():
        if password is None:
            raise ValueError("the signing key is encrypted: give its password")
        key.decrypt(password)
    return key


def sign(manifest: bytes, secret_key) -> bytes:
    """Ed25519 is deterministic and the trusted comment names the manifest, not the time:
    the same manifest gets the same signature, so an unchanged mirror rewrites nothing."""
    comment = COMMENT_PREFIX + hashlib.sha256(manifest).hexdigest()
    signature = secret_key.sign(
        manifest, untrusted_comment="signature of INPUD's mirror manifest", trusted_comment=comment
    )
    return bytes(signature)


def still_signed(folder: Path) -> bool:
    """Whether the folder's signature was made for its manifest as it now is."""
    try:
        signature = minisign.Signature.from_file(folder / SIGNATURE)
    except (OSError, minisign.Error):
        return False
    expected = COMMENT_PREFIX + hashlib.sha256((folder / MANIFEST).read_bytes()).hexdigest()
    return signature.trusted_comment == expected


def public_key(text_or_path: str):
    path = Path(text_or_path)
    if path.is_file():
        return minisign.PublicKey.from_file(path)
    return minisign.PublicKey.from_base64(text_or_path.strip())


def verify(folder: Path, key) -> list[str]:
    """What is wrong with a copy (nothing: an empty list): the signature must verify the
    manifest, every file listed must have its hash, and no file may be unlisted."""
    try:
        manifest = (folder / MANIFEST).read_bytes()
        signature = minisign.Signature.from_file(folder / SIGNATURE)
    except (OSError, minisign.Error) as error:
        return [f"no readable manifest and signature: {error}"]
    try:
        key.verify(manifest, signature)
    except minisign.Error as error:
        return [f"the manifest's signature does not verify: {error}"]
    problems, listed = [], set()
    for line in manifest.decode().splitlines():
        digest, _, name = line.partition("  ")
        listed.add(name)
        path = folder / name
        if ".." in Path(name).parts or not path.is_file():
            problems.append(f"missing: {name}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"changed: {name}")
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in listed | {MANIFEST, SIGNATURE}:
            problems.append(f"not in the manifest: {name}")
    return problems
