import ArgumentParser
import Foundation
import UnrollCore
import UnrollLessons
import UnrollServe

/// `unroll serve`: the tutor over SSH for a whole class; `unroll serve report` reads the record.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the tutor over SSH to a class: students follow the teacher's steps and answer live polls.",
        subcommands: [ServeRunCommand.self, ServeReportCommand.self],
        defaultSubcommand: ServeRunCommand.self
    )
}

/// `unroll serve [options]`: runs the server until it is stopped.
struct ServeRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Serve the tutor over SSH to a class: students follow the teacher's steps and answer live polls.",
        discussion: """
            Students connect with any user name (their nickname) and the class code as password: \
            ssh -p 2222 yourname@HOST. Teachers log in with a key listed in --teacher-keys and drive the lesson; \
            students press E to explore alone and F to follow again; the teacher presses V to reveal a poll. \
            The host key and the class record (class.sqlite) live in the state folder \
            (default $XDG_STATE_HOME/unroll/serve, else ~/.local/state/unroll/serve). \
            Exit codes: 0 stopped, 64 bad command line, 65 unreadable key file, 66 not found, 73 cannot write the state folder, 75 cannot listen.
            """
    )

    @Option(help: ArgumentHelp("The TCP port to listen on.", valueName: "port"))
    var port: Int = ServeModule.defaultPort

    @Option(help: ArgumentHelp("The address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (the network).", valueName: "address"))
    var listen: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The state folder: host key and class record.", valueName: "dir"))
    var state: String?

    @Option(name: .customLong("class-code"), help: ArgumentHelp("The password students type (generated when not given).", valueName: "code"))
    var classCode: String?

    @Option(name: .customLong("teacher-keys"), help: ArgumentHelp("An authorized_keys file of the teachers' public keys.", valueName: "file"))
    var teacherKeys: String?

    @Option(name: .customLong("max-connections"), help: ArgumentHelp("Open connections at once.", valueName: "n"))
    var maxConnections: Int = 200

    @Option(name: .customLong("max-sessions"), help: ArgumentHelp("Tutor sessions at once.", valueName: "n"))
    var maxSessions: Int = 150

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds without a key before a session is closed.", valueName: "seconds"))
    var idleTimeout: Int = 3600

    @OptionGroup var source: LessonSourceOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, not \(port)") }
        guard (1...100_000).contains(maxConnections) else { throw ValidationError("--max-connections must be 1…100000, not \(maxConnections)") }
        guard (1...100_000).contains(maxSessions) else { throw ValidationError("--max-sessions must be 1…100000, not \(maxSessions)") }
        guard (1...604_800).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be 1…604800 seconds, not \(idleTimeout)") }
        if let classCode, classCode.isEmpty || classCode.utf8.count > 128 || !classCode.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) {
            throw ValidationError("--class-code must be 1…128 visible ASCII characters")
        }
    }

    func run() throws {
        let folder = state ?? ServeModule.defaultStateFolder(environment: ProcessInfo.processInfo.environment)
        let key: ServerHostKey
        do { key = try HostKey.loadOrCreate(folder: folder) } catch { throw fail("serve", error.description, code: 73) }
        var keys = TeacherKeys(keys: [])
        if let teacherKeys {
            guard FileManager.default.fileExists(atPath: teacherKeys) else { throw fail("serve", "\(teacherKeys): no such file", code: Exit.noInput) }
            do { keys = try TeacherKeys.load(path: teacherKeys) } catch { throw fail("serve", error.description, code: Exit.dataError) }
        }
        let record: ClassRecord
        do {
            record = try ClassRecord(path: folder + "/" + ClassRecord.fileName) { printErrorLine("unroll serve: \($0)") }
        } catch {
            throw fail("serve", "\(folder)/\(ClassRecord.fileName): cannot open the class record (\(error))", code: 73)
        }
        var configuration = ServeConfiguration(stateFolder: folder, classCode: classCode ?? ServeModule.generateClassCode())
        configuration.host = listen
        configuration.port = port
        configuration.maximumConnections = maxConnections
        configuration.maximumSessions = maxSessions
        configuration.idleTimeoutSeconds = idleTimeout
        let files = source.files
        let classroom = ClassRoom(library: LessonLibrary.load(files: files), lessons: files, record: record)
        let server = ClassServer(configuration: configuration, classroom: classroom, hostKey: key, teacherKeys: keys)
        let bound: Int
        do { bound = try server.start() } catch {
            throw fail("serve", "cannot listen on \(listen) port \(port): \(error)", code: 75)
        }
        let host = listen == "0.0.0.0" || listen == "::" ? "THIS-MACHINE'S-ADDRESS" : listen
        print("unroll serve: listening on \(listen) port \(bound)")
        print("students connect with:  ssh -p \(bound) yourname@\(host)")
        print("class code (the password): \(configuration.classCode)")
        print("host key: \(key.fingerprint)")
        print("teachers: \(keys.keys.count) key\(keys.keys.count == 1 ? "" : "s")\(teacherKeys.map { " from \($0)" } ?? " (none: give --teacher-keys to drive the class)")")
        print("state folder: \(folder)")
        fflush(nil)
        try server.wait()
    }
}

/// `unroll serve report`: per question the share right, per student their answers.
struct ServeReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the class record: per question the share right, per student their answers (or every answer as CSV).",
        discussion: "Exit codes: 0 success, 64 bad command line, 65 unreadable record, 66 no record yet."
    )

    @Option(help: ArgumentHelp("The state folder (as given to unroll serve).", valueName: "dir"))
    var state: String?

    @Flag(help: "Every answer as CSV, one row each.")
    var csv = false

    func run() throws {
        let folder = state ?? ServeModule.defaultStateFolder(environment: ProcessInfo.processInfo.environment)
        let path = folder + "/" + ClassRecord.fileName
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail("serve report", "\(path): no class record yet (unroll serve writes it)", code: Exit.noInput)
        }
        do {
            let db = try ClassRecord.openForReading(path: path)
            printSafe(csv ? try ClassReport.csv(in: db) : try ClassReport.text(in: db), terminator: "")
        } catch let e as ExitCode {
            throw e
        } catch {
            throw fail("serve report", "\(path): cannot read the class record (\(error))", code: Exit.dataError)
        }
    }
}
