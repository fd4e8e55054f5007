import Foundation
import Synchronization

/// Limits failed logins per address: after `burst` failures, one more attempt per `refillSeconds`
/// (a token bucket per address); a refused attempt fails without checking the password.
///
/// Addresses are forgotten once their bucket is full again, and at most `maximumAddresses` are
/// kept (the fullest are dropped first), so a flood of addresses cannot grow the table.
public final class AuthAttemptLimiter: Sendable {
    public let burst: Double
    public let refillSeconds: Double
    public let maximumAddresses: Int

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let buckets = Mutex<[String: Bucket]>([:])
    /// Seconds on a monotonic clock (injectable for tests).
    private let clock: @Sendable () -> Double

    public init(burst: Int = 10, refillSeconds: Double = 2, maximumAddresses: Int = 10_000,
                clock: @escaping @Sendable () -> Double = AuthAttemptLimiter.monotonicSeconds) {
        self.burst = Double(max(1, burst))
        self.refillSeconds = max(0.001, refillSeconds)
        self.maximumAddresses = max(1, maximumAddresses)
        self.clock = clock
    }

    /// Whether `address` may try a password or key now (it has a token to spend on failing).
    public func mayAttempt(_ address: String) -> Bool {
        let now = clock()
        return buckets.withLock { b in
            guard var bucket = b[address] else { return true }
            refill(&bucket, now: now)
            b[address] = bucket
            return bucket.tokens >= 1
        }
    }

    /// Records a failed attempt from `address`.
    public func failed(_ address: String) {
        let now = clock()
        buckets.withLock { b in
            var bucket = b[address] ?? Bucket(tokens: burst, updated: now)
            refill(&bucket, now: now)
            bucket.tokens = max(0, bucket.tokens - 1)
            b[address] = bucket
            if b.count > maximumAddresses { prune(&b, now: now) }
        }
    }

    /// How many addresses are remembered (for tests).
    public var rememberedAddresses: Int { buckets.withLock { $0.count } }

    private func refill(_ bucket: inout Bucket, now: Double) {
        bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) / refillSeconds)
        bucket.updated = now
    }

    private func prune(_ b: inout [String: Bucket], now: Double) {
        for (k, var v) in b {
            refill(&v, now: now)
            if v.tokens >= burst { b[k] = nil } else { b[k] = v }
        }
        while b.count > maximumAddresses, let fullest = b.max(by: { $0.value.tokens < $1.value.tokens })?.key {
            b[fullest] = nil
        }
    }

    /// Seconds since an arbitrary start, never going back.
    public static let monotonicSeconds: @Sendable () -> Double = {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
