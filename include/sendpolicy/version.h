// sendpolicy/version.h
#ifndef SENDPOLICY_VERSION_H_
#define SENDPOLICY_VERSION_H_

// The one version number of the project: CMakeLists.txt reads it from here.
#define SENDPOLICY_VERSION_MAJOR 0
#define SENDPOLICY_VERSION_MINOR 2
#define SENDPOLICY_VERSION_PATCH 0
#define SENDPOLICY_VERSION_STRING "0.2.0"

#endif  // SENDPOLICY_VERSION_H_
