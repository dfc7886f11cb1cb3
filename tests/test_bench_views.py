"""The page benchmark counts what a browser receives and changes a control as a click does."""

from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.views import Run, count_message, page_control


def radio_message(widget_id: str, options: list[str], cacheable: bool = False) -> bytes:
    message = ForwardMsg()
    radio = message.delta.new_element.radio
    radio.id = widget_id
    radio.label = "Colours"
    radio.options.extend(options)
    radio.default = 0
    message.hash = "h-" + widget_id
    message.metadata.cacheable = cacheable
    return message.SerializeToString()


def finished() -> bytes:
    message = ForwardMsg()
    message.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    return message.SerializeToString()


def test_every_byte_of_every_message_is_counted_until_the_run_is_finished():
    run = Run()
    frames = [radio_message("$$ID-a-bins", ["Continuous", "Quantiles"], cacheable=True), finished()]
    kinds = [count_message(run, frame) for frame in frames]
    assert kinds == ["delta", "script_finished"]
    assert run.nbytes == sum(len(frame) for frame in frames)
    assert run.messages == 2 and run.status == "FINISHED_SUCCESSFULLY"
    assert run.cached == {"h-$$ID-a-bins"}  # what the browser would report it holds


def test_the_change_is_the_pages_own_control_set_to_another_option():
    run = Run()
    count_message(run, radio_message("$$ID-x-lang", ["English", "中文"]))
    count_message(run, radio_message("$$ID-y-bins", ["Continuous", "Quantiles"]))
    control = page_control(run)
    assert control.widget_id == "$$ID-y-bins"
    assert (control.kind, control.value) == ("string_value", "Quantiles")


def test_a_page_with_only_the_shared_sidebar_changes_the_language():
    run = Run()
    count_message(run, radio_message("$$ID-x-lang", ["English", "中文"]))
    assert page_control(run).value == "中文"


def test_a_control_drawn_in_a_fragment_is_changed_by_rerunning_that_fragment():
    message = ForwardMsg()
    message.ParseFromString(radio_message("$$ID-z-sort", ["Region", "Year"]))
    message.delta.fragment_id = "fragment-of-the-matrix"
    run = Run()
    count_message(run, radio_message("$$ID-y-bins", ["Continuous", "Quantiles"]))
    count_message(run, message.SerializeToString())
    assert [c.fragment_id for c in run.controls] == ["", "fragment-of-the-matrix"]
