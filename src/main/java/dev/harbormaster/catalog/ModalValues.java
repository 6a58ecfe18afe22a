package dev.harbormaster.catalog;

import com.slack.api.model.view.ViewState;

import java.util.Map;

/** Reads a submitted modal's {@code view.state.values}: block id → action id → value. Blank is null. */
final class ModalValues {

    private final Map<String, Map<String, ViewState.Value>> values;

    ModalValues(ViewState state) {
        this.values = state == null || state.getValues() == null ? Map.of() : state.getValues();
    }

    String get(String blockId) {
        Map<String, ViewState.Value> block = values.get(blockId);
        ViewState.Value value = block == null ? null : block.get(ServiceFormModal.VALUE);
        if (value == null) {
            return null;
        }
        String text = value.getSelectedOption() != null ? value.getSelectedOption().getValue() : value.getValue();
        return text == null || text.isBlank() ? null : text;
    }

    ServiceForm serviceForm() {
        return new ServiceForm(get(ServiceForm.NAME), get(ServiceForm.DESCRIPTION), get(ServiceForm.OWNER),
                get(ServiceForm.TIER), get(ServiceForm.LIFECYCLE), get(ServiceForm.REPO), get(ServiceForm.RUNBOOK),
                get(ServiceForm.ENVIRONMENTS));
    }
}
