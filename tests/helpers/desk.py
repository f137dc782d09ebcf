"""What the desk tests share: a staff password, the CSRF token's pattern, a complaint's fields."""

from __future__ import annotations

import re

PASSWORD = "correct-horse-battery"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
# A complaint as the form stores it (the phone and name are the fixtures the log check looks for).
FIELDS = {
    "employer": "宏达建筑劳务公司",
    "site": "安庆宜秀区某工地",
    "amount": 35000,
    "period": "2020年10月到12月",
    "workers": 3,
    "phone": "13812341234",
    "name": "张三丰",
}
