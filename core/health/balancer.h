#pragma once

#include "config/config.h"
#include "health/outcome.h"

#include <QByteArray>
#include <QStringList>

#include <memory>
#include <optional>

namespace qcc {

//! Token counts of one answer (or the sum of many).
struct TokenUsage
{
    qint64 input = 0, output = 0, cacheCreation = 0, cacheRead = 0;
    bool isEmpty() const { return !input && !output && !cacheCreation && !cacheRead; }
};

//! Why no endpoint can be picked, gathered cheaply (no histories) when a request gets none.
struct Unavailability
{
    int endpoints = 0;          //!< in the active cluster
    int usable = 0;             //!< enabled, with a key, not isolated
    int queued = 0;             //!< in the failure queue
    qint64 nextVerifyInMs = -1; //!< -1: none scheduled
    QStringList keyless;        //!< "name: why" of each endpoint without its key
};

/*! What a request sees of endpoint health, and all it sees: the way nginx puts its balancer
 *  behind a peer's get and free. EndpointRegistry is the one implementation; Exchange holds
 *  only this. Engine thread. */
class Balancer
{
public:
    struct Selection
    {
        QByteArray path;      //!< request path without query
        QByteArray sessionId; //!< x-claude-code-session-id, may be empty
        QStringList exclude;  //!< endpoints already tried for this request (a few at most)
    };
    struct Pick
    {
        //! Shared with the registry (a config change replaces it, never alters it): handing it
        //! to a request costs one reference, not a copy of every string.
        std::shared_ptr<const EndpointConfig> endpoint;
        bool cooling = false; //!< nothing usable was left; this one is cooling after a 429
    };

    virtual ~Balancer() = default;
    //! The endpoint for the next attempt, or none.
    virtual std::optional<Pick> select(const Selection &selection) = 0;
    //! How one attempt sent to \a id went.
    virtual void record(const QString &id, OutcomeClass cls, const UiText &message,
                        qint64 latencyMs, const QByteArray &path = QByteArray(),
                        qint64 retryAfterMs = -1) = 0;
    virtual void addUsage(const QString &id, const TokenUsage &usage) = 0;
    //! Why select() may find nothing (asked only when it did, or for count_tokens).
    virtual Unavailability unavailability() const = 0;
};

} // namespace qcc
