public import RoostORM

/// A run of failed logins for one username or one client address, as
/// ``DatabaseLoginThrottleStore`` keeps it in `roost_login_attempt`: shared by every app
/// instance using the database, so brute force cannot be spread across instances.
///
/// Keys are SHA-256 digests (`u:<hex>` for usernames, `a:<hex>` for addresses), so the table
/// holds no usernames or addresses in clear.
@Model(table: "roost_login_attempt", verboseName: "login attempt")
public struct LoginAttempt {
    /// `u:` or `a:` and a hex digest.
    @Field(column: "key", maxLength: 80) public var id: String
    /// Failures in the current run.
    public var failures: Int
    /// When the last failure happened, in seconds since 1970.
    @Field(column: "last_failure") public var lastFailure: Int64

    /// Creates a row.
    public init(id: String, failures: Int, lastFailure: Int64) {
        self.id = id
        self.failures = failures
        self.lastFailure = lastFailure
    }
}
