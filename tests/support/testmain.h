#pragma once

#include "net/netbackend.h"

#include <QtTest>

namespace qcc::test {

//! Installs qccd's dispatcher when QCC_EVENT_DISPATCHER=daemon: CTest runs the proxy tests of
//! the epoll build once on Qt's dispatcher (as qcc-tray does) and once on qccd's EpollDispatcher
//! (the *_epoll twins). (The qt build's daemon dispatcher is Qt's own: no twins there.)
inline void installEventDispatcherFromEnv()
{
    if (qgetenv("QCC_EVENT_DISPATCHER") == "daemon") {
        if (QAbstractEventDispatcher *d = NetBackend::createDaemonDispatcher())
            QCoreApplication::setEventDispatcher(d);
    }
}

} // namespace qcc::test

//! QTEST_GUILESS_MAIN with the dispatcher QCC_EVENT_DISPATCHER names.
#define QCC_TEST_MAIN(TestObject)                                                                  \
    QTEST_MAIN_WRAPPER(TestObject, qcc::test::installEventDispatcherFromEnv();                     \
                       QTEST_QAPP_SETUP(QCoreApplication))
