#pragma once

#include <QString>
#include <QtGlobal>

namespace qcc::os {

// What the engine needs from the operating system beyond Qt, one function each. Each platform
// has its own file (posix/os_posix.cpp, windows/os_windows.cpp), chosen by CMake: nothing
// outside those files includes a system header.

//! Ends the sending direction of a connected TCP socket (a FIN), keeping it open for reading.
bool shutdownWrite(qintptr socket);
/*! Takes one waiting connection from the non-blocking listening socket \a listener: its
 *  descriptor (non-blocking, not inherited by child processes), or -1 when none is waiting
 *  or accepting failed. Then \a starved says whether for want of resources (descriptors,
 *  memory: try again later) and \a error names the reason. */
qintptr acceptConnection(qintptr listener, bool *starved, QString *error);
//! Closes a socket descriptor that no Qt object owns.
void closeSocket(qintptr socket);
//! Every client and upstream connection is a descriptor: where the soft limit on open
//! descriptors is below the hard one (1024 is usual on Linux), raise it as far as allowed.
void raiseDescriptorLimit();

} // namespace qcc::os
