import Mustache

/// A page's values, typed: the template it fills and the fields the template reads. Mustache
/// reads a model's stored properties by name; an optional that is `nil` is absent (its section
/// is skipped), a `false` or an empty list likewise.
protocol PageModel: Sendable {
    /// The template's name: `Templates/<template>.mustache` (a computed property, so it is not
    /// one of the fields).
    var template: String { get }
}

/// A model that extends another: a field is looked up in the model first, then in its base
/// (a dashboard page's layout, the authorize forms' shared fields), as if they were one.
protocol LayeredModel: MustacheParent {
    associatedtype Base
    var base: Base { get }
}

extension LayeredModel {
    func child(named name: String) -> Any? {
        PageFields.field(name, of: self) ?? PageFields.value(name, of: base)
    }
}

/// Field lookup by name on a typed model, as Mustache does it.
enum PageFields {
    /// The field `name` of `model`, through its own lookup when it has one.
    static func value(_ name: String, of model: Any) -> Any? {
        if let layered = model as? any MustacheParent { return layered.child(named: name) }
        return field(name, of: model)
    }

    /// The stored property `name` of `model`; `nil` when absent or `nil`.
    static func field(_ name: String, of model: Any) -> Any? {
        guard let child = Mirror(reflecting: model).children.first(where: { $0.label == name }) else { return nil }
        let mirror = Mirror(reflecting: child.value)
        guard mirror.displayStyle == .optional else { return child.value }
        return mirror.children.first?.value
    }
}
