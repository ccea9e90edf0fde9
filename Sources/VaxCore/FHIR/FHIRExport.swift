import Foundation

extension FHIRBundle.Entry {
    /// `PUT Type/id` of a resource: stored once at the centre however often it is sent.
    public static func put(_ resource: FHIRResource) -> FHIRBundle.Entry {
        FHIRBundle.Entry(fullUrl: "urn:uuid:\(resource.id ?? "")", resource: resource,
                         request: .init(method: "PUT", url: resource.putURL))
    }
}

extension FHIRResource {
    /// `Type/id`.
    public var putURL: String { "\(type)/\(id ?? "")" }
}

/// The site's records as one batch Bundle, each resource once (its latest content).
public enum FHIRExport {
    public static func bundle(_ items: [SyncItem], mapping: FHIRMapping) -> FHIRBundle {
        var entries: [FHIRBundle.Entry] = []
        var index: [String: Int] = [:]
        for resource in items.flatMap({ mapping.resources(for: $0.record) }) {
            if let at = index[resource.putURL] {
                entries[at] = .put(resource)
            } else {
                index[resource.putURL] = entries.count
                entries.append(.put(resource))
            }
        }
        return FHIRBundle(type: "batch", timestamp: mapping.dateTime(Date()), entry: entries)
    }
}
