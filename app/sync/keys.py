"""Key pairs of a sync party (HQ or a branch) and the public identities they exchange.

Two pairs per party: Ed25519 to sign what it sends, X25519 to receive (batches to it are
encrypted to that key). Private keys are files readable by their owner only.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

from nacl.public import PrivateKey, PublicKey
from nacl.signing import SigningKey, VerifyKey

from app.sync.safe_files import atomic_write


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True, slots=True)
class PublicIdentity:
    """What a party shows the world: its name and the public halves of its keys."""

    party: str
    signing: bytes
    box: bytes

    def verify_key(self) -> VerifyKey:
        return VerifyKey(self.signing)

    def box_key(self) -> PublicKey:
        return PublicKey(self.box)

    def to_json(self) -> dict[str, str]:
        return {"party": self.party, "signing": b64(self.signing), "box": b64(self.box)}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> PublicIdentity:
        signing, box = unb64(data["signing"]), unb64(data["box"])
        if len(signing) != 32 or len(box) != 32:
            raise ValueError("a public key must be 32 bytes")
        return cls(str(data["party"]), signing, box)


@dataclass(frozen=True, slots=True)
class KeyPair:
    party: str
    signing_key: SigningKey
    box_private: PrivateKey

    @classmethod
    def generate(cls, party: str) -> KeyPair:
        return cls(party, SigningKey.generate(), PrivateKey.generate())

    @property
    def public(self) -> PublicIdentity:
        return PublicIdentity(
            self.party, bytes(self.signing_key.verify_key), bytes(self.box_private.public_key)
        )

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.party}.keys.json"
        secret = {
            "party": self.party,
            "signing_private": b64(bytes(self.signing_key)),
            "box_private": b64(bytes(self.box_private)),
        }
        # A fresh 0600 file renamed over the name: no fixed temporary name two processes
        # could share, no link planted at it followed.
        atomic_write(path, json.dumps(secret).encode("utf-8"))
        return path

    @classmethod
    def load(cls, folder: Path, party: str) -> KeyPair:
        data = json.loads((folder / f"{party}.keys.json").read_text(encoding="utf-8"))
        return cls(
            data["party"],
            SigningKey(unb64(data["signing_private"])),
            PrivateKey(unb64(data["box_private"])),
        )

    @classmethod
    def exists(cls, folder: Path, party: str) -> bool:
        return (folder / f"{party}.keys.json").is_file()
