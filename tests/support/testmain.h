#pragma once

#include "net/epolldispatcher.h"

#include <QtTest>

namespace qcc::test {

//! Installs qccd's EpollDispatcher when QCC_EVENT_DISPATCHER=epoll: CTest runs the proxy tests
//! once on Qt's dispatcher (as qcc-tray does) and once on qccd's (the *_epoll twins).
inline void installEventDispatcherFromEnv()
{
    if (qgetenv("QCC_EVENT_DISPATCHER") == "epoll")
        QCoreApplication::setEventDispatcher(new EpollDispatcher);
}

} // namespace qcc::test

//! QTEST_GUILESS_MAIN with the dispatcher QCC_EVENT_DISPATCHER names.
#define QCC_TEST_MAIN(TestObject)                                                                  \
    QTEST_MAIN_WRAPPER(TestObject, qcc::test::installEventDispatcherFromEnv();                     \
                       QTEST_QAPP_SETUP(QCoreApplication))
