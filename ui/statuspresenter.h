#pragma once

#include "engine/enginesnapshot.h"

#include <QObject>
#include <QString>

namespace qcc {

enum class TrayState {
    Green, //!< served by a primary, nothing isolated
    Amber, //!< served only by a secondary, or some endpoints isolated
    Red,   //!< nothing usable
    Grey,  //!< the proxy is off
};

struct TrayStatus
{
    TrayState state = TrayState::Grey;
    QString tooltip; //!< "QCC — via official · 1 isolated · 127.0.0.1:7860"
    QString servingName;
    int isolated = 0;
    bool operator==(const TrayStatus &o) const
    {
        return state == o.state && tooltip == o.tooltip && servingName == o.servingName &&
               isolated == o.isolated;
    }
};

/*! Turns an engine snapshot into what the tray shows. Pure logic, no widgets; the tray icon
 *  only subscribes to changed(). */
class StatusPresenter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPresenter)

public:
    explicit StatusPresenter(QObject *parent = nullptr) : QObject(parent) {}

    static TrayStatus present(const EngineSnapshot &snapshot);
    //! The endpoint that is serving (or would serve) Claude Code now, or null.
    static const EndpointSnapshot *serving(const EngineSnapshot &snapshot);
    static QString stateName(TrayState state);
    //! What the user can do about a red or grey icon, or "" when all is fine.
    static QString hint(const EngineSnapshot &snapshot);
    //! "your pick X is not used: why" while the user's pick cannot serve; else empty.
    static QString pickNote(const EngineSnapshot &snapshot);

    void update(const EngineSnapshot &snapshot);
    const TrayStatus &status() const { return m_status; }

Q_SIGNALS:
    void changed(const qcc::TrayStatus &status);

private:
    TrayStatus m_status;
    bool m_first = true;
};

} // namespace qcc
