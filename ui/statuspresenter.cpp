#include "statuspresenter.h"

namespace qcc {

const EndpointSnapshot *StatusPresenter::serving(const EngineSnapshot &s)
{
    return s.endpoint(s.registry.servingId); // the registry's word, never worked out again here
}

TrayStatus StatusPresenter::present(const EngineSnapshot &s)
{
    TrayStatus t;
    int keyless = 0;
    for (const EndpointSnapshot &e : s.registry.endpoints) {
        t.isolated += e.inFailureQueue;
        keyless += e.status == EndpointStatus::NoKey;
    }
    QStringList unable; // not isolated, but just as unable to serve: said beside it
    if (t.isolated)
        unable.append(tr("%n isolated", nullptr, t.isolated));
    if (keyless)
        unable.append(tr("%n without a key", nullptr, keyless));
    const QString isolatedText = unable.join(QStringLiteral(" · "));
    auto join = [](QStringList parts) -> QString { // QString, not a QStringBuilder of temporaries
        parts.removeAll(QString());
        return QStringLiteral("QCC — ") + parts.join(QStringLiteral(" · "));
    };
    if (!s.listening) {
        t.state = TrayState::Grey;
        t.tooltip = join({tr("proxy off"), isolatedText});
        return t;
    }
    const EndpointSnapshot *e = serving(s);
    if (!e) {
        t.state = TrayState::Red;
        t.tooltip = join({s.registry.endpoints.isEmpty() ? tr("no endpoint configured")
                                                         : tr("no usable endpoint"),
                          pickNote(s), isolatedText, s.listenAddress});
        return t;
    }
    t.servingName = e->name;
    t.state = e->tier == Tier::Primary && t.isolated == 0 && keyless == 0 ? TrayState::Green
                                                                          : TrayState::Amber;
    const QString via = e->id == s.registry.pickedId ? tr("via %1 (your pick)").arg(e->name)
                                                     : tr("via %1").arg(e->name);
    t.tooltip = join({via, pickNote(s), isolatedText, s.listenAddress});
    return t;
}

QString StatusPresenter::pickNote(const EngineSnapshot &s)
{
    if (s.registry.pickIgnored.isEmpty())
        return QString();
    const EndpointSnapshot *picked = s.endpoint(s.registry.pickedId);
    return tr("your pick %1 is not used: %2")
        .arg(picked ? picked->name : s.registry.pickedId, s.registry.pickIgnored.localized());
}

QString StatusPresenter::hint(const EngineSnapshot &s)
{
    if (!s.listening)
        return tr("The proxy is off: turn it on in this menu (if the port is taken, change it in "
                  "Settings…).");
    if (!s.registry.pickIgnored.isEmpty()) {
        const EndpointSnapshot *picked = s.endpoint(s.registry.pickedId);
        return tr("You picked %1, but %2: QCC fails over to the others until it can serve "
                  "again (or choose Use endpoint → Automatic).")
            .arg(picked ? picked->name : s.registry.pickedId, s.registry.pickIgnored.localized());
    }
    if (serving(s))
        return QString();
    if (s.registry.endpoints.isEmpty())
        return tr("No endpoint yet: add one in Endpoints…");
    int isolated = 0, enabled = 0, keyless = 0;
    for (const EndpointSnapshot &e : s.registry.endpoints) {
        isolated += e.inFailureQueue;
        enabled += e.enabled;
        keyless += e.status == EndpointStatus::NoKey;
    }
    if (enabled == 0)
        return tr("Every endpoint is disabled: enable one in Endpoints…");
    if (isolated == 0 && keyless > 0)
        return tr("No endpoint has a key: set one in Endpoints… (see Failed endpoints… for why).");
    if (isolated > 0)
        return tr(
            "Every endpoint is isolated: see Failed endpoints… — they are re-checked every few "
            "seconds, "
            "or fix a key in Endpoints…");
    return tr("Every endpoint is rate-limited: requests resume when the cool-down ends.");
}

QString StatusPresenter::stateName(TrayState state)
{
    switch (state) {
    case TrayState::Green:
        return QStringLiteral("green");
    case TrayState::Amber:
        return QStringLiteral("amber");
    case TrayState::Red:
        return QStringLiteral("red");
    case TrayState::Grey:
        return QStringLiteral("grey");
    }
    return {};
}

void StatusPresenter::update(const EngineSnapshot &snapshot)
{
    const TrayStatus next = present(snapshot);
    if (!m_first && next == m_status)
        return;
    m_first = false;
    m_status = next;
    Q_EMIT changed(m_status);
}

} // namespace qcc
