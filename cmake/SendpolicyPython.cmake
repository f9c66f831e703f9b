# Finds the Python the bindings build for: Debian's /usr/bin/python3 when it
# exists (its headers come from python3-dev, its Dask from python3-dask, and
# it is the python3 of a fresh Debian 12 machine), even when another
# interpreter (pyenv, a virtualenv) comes first on PATH; pass
# -DPython3_EXECUTABLE=... to choose another. Then pybind11, told to use that
# interpreter. Sets SENDPOLICY_PYTHON_FOUND.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python interpreter for the bindings and tests")
endif()
find_package(Python3 COMPONENTS Interpreter Development.Module QUIET)
set(PYBIND11_FINDPYTHON ON)
if(Python3_FOUND)
  find_package(pybind11 CONFIG QUIET)
endif()
if(Python3_FOUND AND pybind11_FOUND)
  set(SENDPOLICY_PYTHON_FOUND ON)
else()
  set(SENDPOLICY_PYTHON_FOUND OFF)
endif()
