"""A fictional family's answers to the input form, as model values and as the
file the form downloads, for the tests of `prepare` and `import-input`.

The answers are about small_plan()'s student (Sam Example, FAKE-000123) and
written in Spanish, as Rosa Example, the grandmother, would write them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from iep_meeting.model.family_input import FormAnswers
from tests.factories import MEETING_DATE

SAVED = dt.date(2026, 3, 5)

CONCERNS = (
    "Las tareas le toman dos horas cada noche y llega cansado.",
    "No sé a quién llamar cuando tengo preguntas.",
)
TOPICS = ("El horario del autobús",)


def answers_data(**changes: Any) -> dict[str, Any]:
    """The file's content, as the form writes it; `changes` replace top-level keys
    or, by their name, answers."""
    answers: dict[str, Any] = {
        "filled_by": "Rosa Example, abuela",
        "strengths": "Sam es cariñoso y le encantan las novelas gráficas.",
        "concerns": list(CONCERNS),
        "vision_next_year": "Que lea con más confianza.",
        "vision_after_school": "Que estudie para ser técnico de computadoras.",
        "works_at_home": "Leer juntos diez minutos antes de cenar.",
        "topics": list(TOPICS),
        "student_good_at": "Dibujar y los videojuegos.",
        "student_hard": "Leer en voz alta en clase.",
        "student_helps": "Cuando la maestra me da más tiempo.",
    }
    data: dict[str, Any] = {
        "form": "iep-meeting family input",
        "version": 1,
        "student": {"name": "Sam Example", "id": "FAKE-000123"},
        "meeting_date": MEETING_DATE.isoformat(),
        "language": "es",
        "saved": SAVED.isoformat(),
        "answers": answers,
    }
    for key, value in changes.items():
        (answers if key in answers else data)[key] = value
    return data


def write_answers(path: Path, **changes: Any) -> Path:
    path.write_text(json.dumps(answers_data(**changes), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def form_answers(**changes: Any) -> FormAnswers:
    """The same answers as the store reads them."""
    data = answers_data(**changes)
    answers = data["answers"]
    return FormAnswers(
        student_name=data["student"]["name"],
        student_id=data["student"].get("id", ""),
        meeting_date=dt.date.fromisoformat(data["meeting_date"]),
        language="" if data["language"] == "en" else data["language"],
        saved=dt.date.fromisoformat(data["saved"]),
        concerns=tuple(answers["concerns"]),
        topics=tuple(answers["topics"]),
        **{key: value for key, value in answers.items() if key not in ("concerns", "topics")},
    )


def jordan_answers_data() -> dict[str, Any]:
    """The bundled sample's family (Jordan Vance's father, in Spanish) answering its form."""
    return answers_data(
        student={"name": "Jordan Vance", "id": "S-000417"},
        meeting_date="2026-12-03",
        saved="2026-11-28",
        filled_by="Tomás Vance, padre",
        strengths="Jordan es muy creativo: dibuja historietas y se las cuenta a su hermana.",
        concerns=[
            "Las tareas le toman más de dos horas cada noche y llega cansado del autobús.",
            "Quiero los informes de progreso en español y saber a quién llamar.",
        ],
        vision_next_year="Que lea con más confianza y entregue sus tareas a tiempo.",
        vision_after_school="Que estudie diseño gráfico.",
        works_at_home="Leer juntos diez minutos antes de cenar; una lista de tareas en la puerta.",
        topics=["La hora del autobús"],
        student_good_at="Dibujar historietas.",
        student_hard="Leer en voz alta y escribir párrafos largos.",
        student_helps="Audiolibros y más tiempo en los exámenes.",
    )


def write_jordan_answers(path: Path) -> Path:
    path.write_text(json.dumps(jordan_answers_data(), ensure_ascii=False, indent=2), encoding="utf-8")
    return path
