// renameat2(2) with RENAME_EXCHANGE, which Swift's Glibc module does not declare (glibc declares
// it only under _GNU_SOURCE): wrapped here.
#ifndef GRIDWORK_CFILESYSTEM_SHIM_H
#define GRIDWORK_CFILESYSTEM_SHIM_H

#include <errno.h>
#include <fcntl.h>

#ifdef __linux__
// In glibc since 2.28.
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
#endif

/// Swaps two existing paths in one step: each name then holds the other's file. -1 with errno set
/// on failure: EINVAL, EOPNOTSUPP or ENOSYS where the file system or the system cannot swap,
/// ENOENT when either is missing.
static inline int gw_exchange_paths(const char *first, const char *second) {
#ifdef __linux__
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, 1u << 1 /* RENAME_EXCHANGE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#endif
