import RoostDatabase
import Testing

@Suite struct DatabaseErrorTests {
    @Test func describesCodeMessageDetailsAndSQL() {
        let error = DatabaseError(
            .uniqueViolation, "duplicate key value violates unique constraint \"users_email_key\"",
            sql: "INSERT INTO users (email) VALUES ($1)", constraint: "users_email_key", table: "users",
            columns: ["email"], driverCode: "23505")
        #expect(error.description == """
            uniqueViolation: duplicate key value violates unique constraint "users_email_key" \
            (constraint: users_email_key; table: users; columns: email; code: 23505) in: INSERT INTO users (email) VALUES ($1)
            """)
        #expect(error.column == "email")
        #expect(error.code.isIntegrityViolation)
        #expect(!DatabaseError.Code.tableNotFound.isIntegrityViolation)
    }

    @Test func matchesCodesInCatchClauses() {
        func classify(_ error: any Error) -> String {
            do {
                throw error
            } catch DatabaseError.Code.foreignKeyViolation {
                return "fk"
            } catch let error as DatabaseError where error.code == .acquireTimeout {
                return "timeout"
            } catch {
                return "other"
            }
        }
        #expect(classify(DatabaseError(.foreignKeyViolation, "x")) == "fk")
        #expect(classify(DatabaseError(.acquireTimeout, "x")) == "timeout")
        #expect(classify(CancellationError()) == "other")
        #expect(DatabaseError(.connectionLost, "x").isConnectionError)
        #expect(DatabaseError(.other, "x").with(sql: "SELECT 1").sql == "SELECT 1")
    }
}
