import ArgumentParser
import Foundation

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the desk interface on a site database (the default command)."
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var desk: DeskOptions

    func run() throws {
        try DeskLauncher.open(site, desk)
    }
}
