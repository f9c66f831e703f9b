"""Prints where the sendpolicy Python module goes for an install prefix.

Run at install time (not configure time) so `cmake --install --prefix P` and
CPack's staging both get the directory their python3 reads:
  /usr       -> Debian's own packages directory (the .deb)
  /usr/local -> the directory `sysconfig.get_path('platlib')` names
  elsewhere  -> <prefix>/lib/python3.X/site-packages (add it to PYTHONPATH)
"""
import sys
import sysconfig

prefix = sys.argv[1].rstrip("/") or "/"
schemes = sysconfig.get_scheme_names()
if prefix == "/usr" and "deb_system" in schemes:
    print(sysconfig.get_path("platlib", "deb_system"))
elif prefix == "/usr/local" and "posix_local" in schemes:
    print(sysconfig.get_path("platlib", "posix_local", vars={"base": "/usr", "platbase": "/usr"}))
elif prefix == sys.base_prefix:
    print(sysconfig.get_path("platlib"))
else:
    print(sysconfig.get_path("platlib", "posix_prefix", vars={"base": prefix, "platbase": prefix}))
