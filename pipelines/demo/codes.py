"""Identifiers with valid check characters, generated in bulk with numpy.

- 统一社会信用代码 (GB 32100-2015): 登记管理部门 + 机构类别 + 6-digit 区划 + 9-char 组织机构代码
  (GB 11714, its own check character) + a check character over the first 17 (mod 31).
- 居民身份证号 (GB 11643): 6-digit 区划 + birth date + 3-digit sequence (odd = male) + ISO 7064
  MOD 11-2 check digit.
"""

from __future__ import annotations

import numpy as np

from pipelines.demo.text_people import words

USCC_ALPHABET = np.array(list("0123456789ABCDEFGHJKLMNPQRTUWXY"))
USCC_WEIGHTS = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
ORG_WEIGHTS = np.array([3, 7, 9, 10, 5, 8, 4, 2])
ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
ID_CHECK = np.array(list("10X98765432"))
# 登记管理部门 + 机构类别: 9 1 = 工商 企业; 5 2 = 民政 民办非企业单位; 5 1 = 民政 社会团体
AUTHORITY = {"企业": "91", "民办非企业单位": "52", "社会团体": "51"}
# 区划 of births for members and residents: mostly 岳阳 (城区 and its counties), a few from elsewhere
BIRTH_AREAS = np.array(
    ["430602", "430603", "430611", "430621", "430623", "430624", "430626", "430681", "430682"]
)
BIRTH_AREA_P = np.array([0.40, 0.06, 0.07, 0.12, 0.09, 0.08, 0.07, 0.06, 0.05])


def _join(chars: np.ndarray) -> np.ndarray:
    """(n, k) array of one-character strings → n strings."""
    return np.array(["".join(row) for row in chars]) if len(chars) else np.array([], dtype=str)


def uscc(rng: np.random.Generator, kinds: np.ndarray, area: str = "430602") -> np.ndarray:
    """One valid USCC per entry of ``kinds`` (keys of AUTHORITY), unique within the call."""
    n = len(kinds)
    body = rng.choice(10, size=(n, 8), replace=True)
    body[:, 0] = rng.choice([3, 5, 6, 7, 8], size=n)  # 组织机构代码 of recent registrations
    org_check = (11 - (body * ORG_WEIGHTS).sum(axis=1) % 11) % 11
    org = np.column_stack([body.astype(str), np.where(org_check == 10, "X", org_check.astype(str))])
    prefix = np.array([list(AUTHORITY[k]) for k in kinds]).reshape(n, 2)
    chars = np.column_stack([prefix, np.tile(list(area), (n, 1)), org])
    values = np.searchsorted(np.sort(USCC_ALPHABET), chars)  # alphabet is sorted: char → value
    check = (31 - (values * USCC_WEIGHTS).sum(axis=1) % 31) % 31
    codes = _join(np.column_stack([chars, USCC_ALPHABET[check]]))
    if len(set(codes)) < n:  # vanishingly rare; redraw rather than hand back a duplicate
        return uscc(rng, kinds, area)
    return codes


def uscc_ok(code: str) -> bool:
    """The GB 32100 check: used by tests and by ``dirty`` to make sure a planted bad code is bad."""
    values = [int(np.searchsorted(np.sort(USCC_ALPHABET), c)) for c in code[:17]]
    return (
        USCC_ALPHABET[(31 - sum(v * w for v, w in zip(values, USCC_WEIGHTS, strict=True)) % 31) % 31]
        == code[17]
    )


def id_numbers(rng: np.random.Generator, birth: np.ndarray, male: np.ndarray) -> np.ndarray:
    """Valid, unique 18-character ID numbers for birth dates (datetime64[D]) and sexes."""
    n = len(birth)
    area = rng.choice(BIRTH_AREAS, size=n, p=BIRTH_AREA_P)
    ymd = np.datetime_as_string(np.asarray(birth, "datetime64[D]")).astype("U10")
    digits_date = np.char.replace(ymd, "-", "")
    seq = rng.choice(500, size=n, replace=n > 500) * 2 + np.where(male, 1, 0)  # odd = male
    seventeen = np.char.add(np.char.add(area, digits_date), np.char.zfill(seq.astype(str), 3))
    digits = np.array([list(s) for s in seventeen]).astype(int)
    check = ID_CHECK[(digits * ID_WEIGHTS).sum(axis=1) % 11]
    numbers = np.char.add(seventeen, check)
    if len(set(numbers)) < n:
        return id_numbers(rng, birth, male)
    return numbers


def id_ok(number: str) -> bool:
    digits = [int(c) for c in number[:17]]
    return ID_CHECK[sum(d * w for d, w in zip(digits, ID_WEIGHTS, strict=True)) % 11] == number[17].upper()


MOBILE_PREFIXES = np.array(
    words(
        "130 131 132 133 135 136 137 138 139 150 151 152 153 155 157 158 159 173 176 177 180 181 182 183 186 187 "
        "188 189 191 199"
    )
)


def phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """Mobile numbers with the prefixes of the three carriers (11 digits)."""
    tail = rng.integers(0, 100_000_000, size=n)
    return np.char.add(rng.choice(MOBILE_PREFIXES, size=n), np.char.zfill(tail.astype(str), 8))
