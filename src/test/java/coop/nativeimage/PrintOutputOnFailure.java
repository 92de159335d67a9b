package coop.nativeimage;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints every running native function's output when a test fails: an answer such as a 503 says only that something
 * failed inside the binary, its log says what (failsafe shows it beside the failure).
 */
final class PrintOutputOnFailure implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (NativeFunction function : NativeFunction.running()) {
            System.err.printf("---- output of the native %s (failed test: %s) ----%n%s%n---- end of %s ----%n",
                    function.name(), context.getDisplayName(), function.output(), function.name());
        }
    }
}
