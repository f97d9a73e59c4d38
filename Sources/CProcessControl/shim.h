// prctl(2) is variadic, which Swift cannot call: wrapped here.
#ifndef GRIDWORK_CPROCESSCONTROL_SHIM_H
#define GRIDWORK_CPROCESSCONTROL_SHIM_H

#include <sys/prctl.h>

/// Marks the process not dumpable: no core file, and no ptrace or /proc/PID/mem by other users.
static inline int gw_set_not_dumpable(void) { return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }

/// 1 when the process may dump core and be traced by its user, 0 when not, -1 on error.
static inline int gw_is_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }

#endif
