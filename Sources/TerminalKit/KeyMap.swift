/// One key of a screen: what it does, and why not when it cannot. The function bar, the help screen
/// and the dispatch all read the same bindings, so what is shown is what happens.
public struct KeyBinding<Command: Hashable & Sendable>: Hashable, Sendable {
    public var keys: [Key]
    public var label: String
    public var command: Command
    /// Why the key does nothing right now; nil when it is enabled.
    public var disabledReason: String?
    /// Shown in the function bar (rarely used keys are only in the help).
    public var inBar: Bool

    public init(_ keys: [Key], _ label: String, _ command: Command, disabledReason: String? = nil, inBar: Bool = true) {
        self.keys = keys
        self.label = label
        self.command = command
        self.disabledReason = disabledReason
        self.inBar = inBar
    }

    public var isEnabled: Bool { disabledReason == nil }
}

/// The bindings of a screen in its current state.
public struct KeyMap<Command: Hashable & Sendable>: Sendable {
    public var bindings: [KeyBinding<Command>]

    public init(_ bindings: [KeyBinding<Command>]) { self.bindings = bindings }

    public enum Lookup: Equatable {
        case command(Command)
        case disabled(String)
        case unbound
    }

    public func lookup(_ key: Key) -> Lookup {
        guard let binding = bindings.first(where: { $0.keys.contains(key) }) else { return .unbound }
        if let reason = binding.disabledReason { return .disabled(reason) }
        return .command(binding.command)
    }
}
