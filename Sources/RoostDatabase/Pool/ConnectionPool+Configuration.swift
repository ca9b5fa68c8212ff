extension ConnectionPool {
    /// Pool limits and timings. ``DatabaseConfiguration`` fills it from URL options
    /// (`max_connections`, `acquire_timeout`, `health_check_interval`).
    ///
    /// ```swift
    /// var pool = ConnectionPool.Configuration()
    /// pool.maxConnections = 20
    /// pool.acquireTimeout = .seconds(2)
    /// ```
    public struct Configuration: Sendable, Hashable {
        /// The most connections open at once (leased, idle and connecting). Default 10.
        public var maxConnections: Int
        /// How long a caller waits for a free connection before
        /// ``DatabaseError/Code/acquireTimeout``. Default 5 seconds.
        public var acquireTimeout: Duration
        /// A connection idle for longer than this is checked (`SELECT 1`) before it is handed
        /// out. Default 30 seconds. Connections that saw an error are always checked.
        public var healthCheckInterval: Duration

        /// Creates a configuration.
        ///
        /// ```swift
        /// let pool = ConnectionPool.Configuration(maxConnections: 5, acquireTimeout: .seconds(1))
        /// ```
        public init(
            maxConnections: Int = 10,
            acquireTimeout: Duration = .seconds(5),
            healthCheckInterval: Duration = .seconds(30)
        ) {
            precondition(maxConnections >= 1, "a pool needs at least one connection")
            self.maxConnections = maxConnections
            self.acquireTimeout = acquireTimeout
            self.healthCheckInterval = healthCheckInterval
        }
    }

    /// A snapshot of the pool's counters, for metrics and tests.
    ///
    /// ```swift
    /// let stats = db.pool.statistics
    /// print(stats.open, stats.idle, stats.waiting)
    /// ```
    public struct Statistics: Sendable, Hashable {
        /// Connections open or being opened (idle + leased).
        public var open: Int
        /// Connections waiting in the pool.
        public var idle: Int
        /// Connections handed out (or being opened for a caller).
        public var leased: Int
        /// Callers waiting for a connection.
        public var waiting: Int
        /// The highest `open` count seen.
        public var peakOpen: Int
        /// Connections opened since the pool started.
        public var connectionsOpened: Int
        /// Connections discarded because they were closed, broken or failed a health check.
        public var connectionsDiscarded: Int
    }
}
