// renameat2(2) with RENAME_EXCHANGE and sync_file_range(2), which Swift's Glibc module does not
// declare (glibc declares them only under _GNU_SOURCE), and statfs(2)'s file system type:
// wrapped here.
#ifndef GRIDWORK_CFILESYSTEM_SHIM_H
#define GRIDWORK_CFILESYSTEM_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>

#ifdef __linux__
#include <sys/vfs.h>
// In glibc since 2.28.
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
extern int sync_file_range(int fd, int64_t offset, int64_t nbytes, unsigned int flags);
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

/// Asks the kernel to start writing a file's dirty pages to disk, without waiting for them
/// (SYNC_FILE_RANGE_WRITE). -1 with errno set where it cannot.
static inline int gw_start_writeback(int descriptor) {
#ifdef __linux__
    return sync_file_range(descriptor, 0, 0, 2u /* SYNC_FILE_RANGE_WRITE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// The magic number of the file system `path` is on (statfs's f_type); -1 where it cannot be told.
static inline long gw_file_system_type(const char *path) {
#ifdef __linux__
    struct statfs info;
    return statfs(path, &info) == 0 ? (long)info.f_type : -1;
#else
    return -1;
#endif
}

#endif
