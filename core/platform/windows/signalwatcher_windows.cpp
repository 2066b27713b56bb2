// Stop requests on Windows: console control events (there are no POSIX signals to catch).
#include "platform/signalwatcher.h"

#include <atomic>
#include <windows.h>

namespace qcc {

namespace {
std::atomic<SignalWatcher *> s_watcher{nullptr};

BOOL WINAPI onConsoleEvent(DWORD event)
{
    SignalWatcher *watcher = s_watcher.load();
    if (!watcher)
        return FALSE;
    // Called on a thread of its own: the stop is handed to the watcher's event loop.
    QMetaObject::invokeMethod(watcher, &SignalWatcher::terminate, Qt::QueuedConnection);
    if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT) {
        // Windows ends the process once this returns: give the graceful stop its moment.
        Sleep(5000);
    }
    return TRUE;
}
} // namespace

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent)
{
    s_watcher.store(this);
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

SignalWatcher::~SignalWatcher()
{
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    s_watcher.store(nullptr);
}

} // namespace qcc
