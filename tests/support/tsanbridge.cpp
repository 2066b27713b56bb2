// Linked into every test executable of a QCC_TSAN build, and only there.
//
// Debian's Qt is not built with ThreadSanitizer. The event queue that carries a queued call from
// one thread to another is guarded inside libQt6Core by futex-based QMutex/QSemaphore, which
// TSan cannot see, so without help every queued call and every queued signal looks like a data
// race between the poster and the receiver. This file tells TSan about exactly the ordering
// Qt guarantees there -- what the poster did before posting happens before the receiver runs
// the call; what a BlockingQueuedConnection call did happens before the caller continues -- and
// nothing more. It does not hide accesses: a race in our code is still reported.
//
// It works by wrapping the two entry points our code (moc output, QMetaObject::invokeMethod)
// calls through the PLT: definitions in the executable win over libQt6Core's, and the real
// ones are found with dlsym(RTLD_NEXT).

#include <QCoreApplication>
#include <QEvent>
#include <QObject>

#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

namespace {
// The orderings, as TSan sync objects.
char g_posted; //!< released before a post, acquired before a queued call or signal runs
char g_done;   //!< released after a blocking queued call ran, acquired by its caller

template <typename Fn> Fn real(const char *mangled)
{
    void *f = dlsym(RTLD_NEXT, mangled);
    if (!f)
        qFatal("tsanbridge: %s not found", mangled);
    return reinterpret_cast<Fn>(f);
}

//! Wraps the slot object of a queued invokeMethod so the receiving thread acquires before the
//! call and releases after it.
class SyncedSlot final : public QtPrivate::QSlotObjectBase
{
public:
    explicit SyncedSlot(QtPrivate::QSlotObjectBase *inner) : QSlotObjectBase(&impl), m_inner(inner)
    {}

private:
    static void impl(int which, QSlotObjectBase *self, QObject *receiver, void **args, bool *ret)
    {
        auto *s = static_cast<SyncedSlot *>(self);
        switch (which) {
        case Destroy:
            // The last reference may go on either thread (the caller of a blocking call drops
            // its reference after the call ran).
            __tsan_acquire(&g_posted);
            __tsan_acquire(&g_done);
            s->m_inner->destroyIfLastRef();
            delete s;
            break;
        case Call:
            __tsan_acquire(&g_posted);
            s->m_inner->call(receiver, args);
            __tsan_release(&g_done);
            break;
        case Compare:
            *ret = false;
            break;
        }
    }
    QtPrivate::QSlotObjectBase *m_inner;
};

//! Queued signals are delivered as events; acquire before any event is delivered.
bool onNotify(void **)
{
    __tsan_acquire(&g_posted);
    return false; // not handled: Qt delivers the event as usual
}

const bool g_registered = [] {
    QInternal::registerCallback(QInternal::EventNotifyCallback, onNotify);
    return true;
}();
} // namespace

bool QMetaObject::invokeMethodImpl(QObject *object, QtPrivate::QSlotObjectBase *slot,
                                   Qt::ConnectionType type, void *ret)
{
    using Fn = bool (*)(QObject *, QtPrivate::QSlotObjectBase *, Qt::ConnectionType, void *);
    static const Fn next =
        real<Fn>("_ZN11QMetaObject16invokeMethodImplEP7QObjectPN9QtPrivate15QSlotObjectBaseEN2Qt14"
                 "ConnectionTypeEPv");
    auto *synced = new SyncedSlot(slot);
    __tsan_release(&g_posted); // after everything the receiver will read, the wrapper included
    const bool ok = next(object, synced, type, ret);
    __tsan_acquire(&g_done);
    return ok;
}

void QMetaObject::activate(QObject *sender, const QMetaObject *meta, int localSignalIndex,
                           void **argv)
{
    using Fn = void (*)(QObject *, const QMetaObject *, int, void **);
    static const Fn next = real<Fn>("_ZN11QMetaObject8activateEP7QObjectPKS_iPPv");
    __tsan_release(&g_posted);
    next(sender, meta, localSignalIndex, argv);
    // Queued connections copy the arguments inside activate(): release again after the copies.
    __tsan_release(&g_posted);
}
