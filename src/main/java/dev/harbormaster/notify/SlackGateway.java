package dev.harbormaster.notify;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.User;
import com.slack.api.model.Usergroup;
import com.slack.api.model.view.View;
import dev.harbormaster.slack.BlockKit;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one door out: every Web API call goes through here, over Bolt's {@link MethodsClient} pointed at
 * {@code SLACK_API_URL} (real Slack, or the sandbox). Channel messages should go through the
 * {@link Outbox} instead, so a Slack outage loses nothing; this class is for the calls that only make
 * sense right now (modals, which need a fresh trigger_id, and look-ups).
 */
@ApplicationScoped
public class SlackGateway {

    private static final HttpClient UPLOADS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern USERGROUP_ID = Pattern.compile("^S[A-Z0-9]{2,}$");

    @Inject
    Slack slack;
    @Inject
    SlackConnection connection;

    public MethodsClient methods() {
        return slack.methods(connection.botToken());
    }

    /** Opens a modal; fails with {@link SlackCallFailed} when Slack refuses (an expired trigger_id, say). */
    public String openView(String triggerId, View view) {
        return call("views.open", () -> methods().viewsOpen(r -> r.triggerId(triggerId).view(withinLimits(view)))).getView().getId();
    }

    public void updateView(String viewId, View view) {
        call("views.update", () -> methods().viewsUpdate(r -> r.viewId(viewId).view(withinLimits(view))));
    }

    /** A modal Slack would refuse (too many blocks, a label too long) is cut to Block Kit's limits instead. */
    private static View withinLimits(View view) {
        view.setBlocks(BlockKit.fit(view.getBlocks(), BlockKit.MODAL_BLOCKS));
        return view;
    }

    public Optional<User> userInfo(String userId) {
        try {
            UsersInfoResponse response = methods().usersInfo(r -> r.user(userId));
            return response.isOk() ? Optional.ofNullable(response.getUser()) : Optional.empty();
        } catch (IOException | SlackApiException e) {
            throw new SlackCallFailed("users.info", e.getMessage(), e);
        }
    }

    /**
     * The Slack user id registered with this email; empty when Slack says it knows nobody by it.
     *
     * @throws SlackCallFailed when Slack did not say (an error such as {@code ratelimited}, no answer)
     */
    public Optional<String> userIdByEmail(String email) {
        try {
            UsersLookupByEmailResponse response = methods().usersLookupByEmail(r -> r.email(email));
            if (!response.isOk() && !"users_not_found".equals(response.getError())) {
                throw new SlackCallFailed("users.lookupByEmail", response.getError(), null);
            }
            return response.isOk() && response.getUser() != null ? Optional.of(response.getUser().getId()) : Optional.empty();
        } catch (IOException | SlackApiException e) {
            throw new SlackCallFailed("users.lookupByEmail", e.getMessage(), e);
        }
    }

    /**
     * The members of a Slack user group named by id ({@code S0SRE}) or handle ({@code sre}); empty when Slack does not
     * say (no such group, an error, no connection): a look-up that fails grants nothing.
     */
    public Optional<List<String>> usergroupMembers(String ref) {
        try {
            Optional<String> id = USERGROUP_ID.matcher(ref).matches() ? Optional.of(ref) : usergroupId(ref);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            UsergroupsUsersListResponse response = methods().usergroupsUsersList(r -> r.usergroup(id.get()));
            return response.isOk() ? Optional.of(List.copyOf(response.getUsers())) : Optional.empty();
        } catch (IOException | SlackApiException e) {
            return Optional.empty();
        }
    }

    private Optional<String> usergroupId(String handle) throws IOException, SlackApiException {
        UsergroupsListResponse response = methods().usergroupsList(r -> r);
        return !response.isOk() ? Optional.empty() : response.getUsergroups().stream()
                .filter(g -> handle.equalsIgnoreCase(g.getHandle())).map(Usergroup::getId).findFirst();
    }

    /** Posts a message only {@code userId} sees; not queued, since it is an immediate answer to them. */
    public void postEphemeral(String channel, String userId, String text, String blocksJson) {
        boolean hasBlocks = blocksJson != null && !blocksJson.isBlank();
        call("chat.postEphemeral", () -> methods().chatPostEphemeral(r -> r.channel(channel).user(userId)
                .text(BlockKit.fitText(text, hasBlocks)).blocksAsString(BlockKit.fitJson(blocksJson, BlockKit.MESSAGE_BLOCKS))));
    }

    /**
     * Uploads a file shared to no channel, for the bot's own messages to show (an image block's {@code slack_file});
     * returns its id. Slack's two-step upload: reserve an id and URL, POST the bytes there, complete.
     */
    public String uploadPrivateFile(byte[] content, String filename, String title, String altText) {
        FilesGetUploadURLExternalResponse reserved = call("files.getUploadURLExternal", () -> methods()
                .filesGetUploadURLExternal(r -> r.filename(filename).length(content.length).altTxt(altText)));
        try {
            HttpResponse<String> sent = UPLOADS.send(HttpRequest.newBuilder(URI.create(reserved.getUploadUrl()))
                            .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (sent.statusCode() != 200) {
                throw new SlackCallFailed("files upload", "http_" + sent.statusCode(), null);
            }
        } catch (IOException e) {
            throw new SlackCallFailed("files upload", e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("files upload", "interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new SlackCallFailed("files upload", "invalid_upload_url", e);
        }
        call("files.completeUploadExternal", () -> methods().filesCompleteUploadExternal(r -> r.files(List.of(
                FilesCompleteUploadExternalRequest.FileDetails.builder().id(reserved.getFileId()).title(title).build()))));
        return reserved.getFileId();
    }

    private <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        T response;
        try {
            response = call.run();
        } catch (IOException | SlackApiException e) {
            throw new SlackCallFailed(method, e.getMessage(), e);
        }
        if (!response.isOk()) {
            throw new SlackCallFailed(method, response.getError(), null);
        }
        return response;
    }

    @FunctionalInterface
    private interface SlackCall<T> {
        T run() throws IOException, SlackApiException;
    }

    /** Slack refused or could not be reached; {@link #error()} is Slack's error code (never a token). */
    public static class SlackCallFailed extends RuntimeException {
        private final String error;

        SlackCallFailed(String method, String error, Throwable cause) {
            super(method + " failed: " + error, cause);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }
}
